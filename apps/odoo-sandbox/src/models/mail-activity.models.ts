import { userError } from '../errors.js';
import type { Env, ModelDef, Rec } from '../model-types.js';
import { unlink } from '../orm/write.js';
import { bool, char, date, int, m2o, o2m, selection } from './fields.js';

/**
 * Activities on records (docs/odoo-api.md "Activities"; recordings activities_notes.json, 17 and 18):
 * `mail.activity` points at its record by `res_model_id` (an `ir.model` id) and `res_id`; its
 * `state` follows the deadline; `action_feedback` marks it done, which deletes the activity (a
 * search with active_test=False no longer finds it) and posts a message whose id it returns.
 */
export const irModel: ModelDef = {
  name: 'ir.model',
  description: 'Models',
  order: 'model',
  fields: { model: char('Model', { required: true }), name: char('Model Description') },
};

export const mailActivityType: ModelDef = {
  name: 'mail.activity.type',
  description: 'Activity Type',
  order: 'sequence, id',
  fields: {
    name: char('Name', { required: true }),
    category: selection('Action', ['default', 'upload_file', 'phonecall', 'meeting'], {
      default: () => 'default',
    }),
    res_model: char('Model'),
    delay_count: int('Schedule'),
    keep_done: bool('Keep Done', { min: 18 }),
    sequence: int('Sequence'),
  },
};

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** overdue / today / planned, against the request's date (the sandbox speaks UTC). */
function activityState(env: Env, rec: Rec): string {
  const deadline = String(rec.date_deadline ?? '');
  const today = utcDay(env.now);
  return deadline < today ? 'overdue' : deadline === today ? 'today' : 'planned';
}

function resModel(env: Env, rec: Rec): string | false {
  const model = env.store.get('ir.model', Number(rec.res_model_id));
  return typeof model?.model === 'string' ? model.model : false;
}

export const mailActivity: ModelDef = {
  name: 'mail.activity',
  description: 'Activity',
  order: 'date_deadline ASC, id ASC',
  displayName: (_env, rec) => String(rec.summary || ''),
  fields: {
    res_model_id: m2o('Document Model', 'ir.model', { required: true }),
    res_model: char('Related Document Model', { compute: resModel }),
    res_id: int('Related Document ID', { required: true }),
    res_name: char('Document Name', {
      compute: (env, rec) => {
        const model = resModel(env, rec);
        const target = model ? env.store.get(model, Number(rec.res_id)) : undefined;
        return typeof target?.name === 'string' ? target.name : false;
      },
    }),
    activity_type_id: m2o('Activity Type', 'mail.activity.type'),
    summary: char('Summary'),
    note: { type: 'html', string: 'Note' },
    date_deadline: date('Due Date', { required: true, default: (env) => utcDay(env.now) }),
    user_id: m2o('Assigned to', 'res.users', { default: (env) => env.uid }),
    state: selection('State', ['overdue', 'today', 'planned'], { compute: activityState }),
  },
  checkCreate: (env, vals) => {
    const model = env.store.get('ir.model', Number(vals.res_model_id));
    const target =
      typeof model?.model === 'string' ? env.store.get(model.model, Number(vals.res_id)) : undefined;
    if (!target)
      throw userError(`Record ${String(vals.res_id)} of the activity's document model does not exist.`);
  },
  methods: {
    action_feedback: ({ env, ids }) => {
      unlink(env, 'mail.activity', ids);
      return env.store.nextSequence('mail.message');
    },
  },
};

/** Activities of a record, as `activity_ids` on the record reads them. */
export function activitiesOf(env: Env, model: string, resId: number): number[] {
  return env.store
    .all('mail.activity')
    .filter((a) => resModel(env, a) === model && a.res_id === resId)
    .sort((a, b) => String(a.date_deadline).localeCompare(String(b.date_deadline)) || a.id - b.id)
    .map((a) => a.id);
}

/** The mail.activity.mixin fields of `sale.order` the flows read (its first activity by deadline). */
const firstActivity = (env: Env, rec: Rec): Rec | undefined => {
  const [id] = activitiesOf(env, 'sale.order', rec.id);
  return id === undefined ? undefined : env.store.get('mail.activity', id);
};
export const saleOrderActivityFields = {
  activity_ids: o2m('Activities', 'mail.activity', 'res_id', {
    compute: (env: Env, rec: Rec) => activitiesOf(env, 'sale.order', rec.id),
  }),
  activity_state: selection('Activity State', ['overdue', 'today', 'planned'], {
    compute: (env: Env, rec: Rec) => {
      const states = activitiesOf(env, 'sale.order', rec.id).map((id) =>
        activityState(env, env.store.get('mail.activity', id)!),
      );
      return states.includes('overdue')
        ? 'overdue'
        : states.includes('today')
          ? 'today'
          : states.length
            ? 'planned'
            : false;
    },
  }),
  activity_summary: char('Next Activity Summary', {
    compute: (env: Env, rec: Rec) => firstActivity(env, rec)?.summary ?? false,
  }),
  activity_date_deadline: date('Next Activity Deadline', {
    compute: (env: Env, rec: Rec) => firstActivity(env, rec)?.date_deadline ?? false,
  }),
  activity_user_id: m2o('Responsible User', 'res.users', {
    compute: (env: Env, rec: Rec) => firstActivity(env, rec)?.user_id ?? false,
  }),
  activity_type_id: m2o('Next Activity Type', 'mail.activity.type', {
    compute: (env: Env, rec: Rec) => firstActivity(env, rec)?.activity_type_id ?? false,
  }),
};
