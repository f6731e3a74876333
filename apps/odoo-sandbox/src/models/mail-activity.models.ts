import type { ModelDef } from '../model-types.js';
import { unlink } from '../orm/write.js';
import { bool, char, date, int, m2o, selection } from './fields.js';

/**
 * Models for activities on any record (fixtures/odoo/*\/activities_notes.json): `ir.model` rows name
 * the models, `mail.activity` needs `res_model_id` + `res_id` (its `res_model` is stored from it), and
 * `action_feedback` marks an activity done by deleting it and answers the id of the "done" message.
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
    category: selection('Action', ['default', 'upload_file', 'phonecall'], { default: () => 'default' }),
    res_model: char('Model'),
    keep_done: bool('Keep Done', { min: 18 }),
    sequence: int('Sequence'),
  },
};

export const mailActivity: ModelDef = {
  name: 'mail.activity',
  description: 'Activity',
  order: 'date_deadline asc, id asc',
  displayName: (_env, rec) => String(rec.summary || ''),
  fields: {
    res_model_id: m2o('Document Model', 'ir.model', { required: true }),
    res_model: char('Related Document Model', { readonly: true }),
    res_id: int('Related Document ID', { required: true }),
    res_name: char('Document Name', {
      compute: (env, rec) => {
        const target = env.store.get(String(rec.res_model), Number(rec.res_id));
        return target ? String(target.name ?? '') : false;
      },
    }),
    activity_type_id: m2o('Activity Type', 'mail.activity.type'),
    summary: char('Summary'),
    note: { type: 'html', string: 'Note' },
    date_deadline: date('Due Date', { required: true }),
    user_id: m2o('Assigned to', 'res.users', { default: (env) => env.uid }),
    state: selection('State', ['overdue', 'today', 'planned'], {
      compute: (env, rec) => {
        const today = new Date(env.now).toISOString().slice(0, 10);
        const due = String(rec.date_deadline);
        return due < today ? 'overdue' : due === today ? 'today' : 'planned';
      },
    }),
  },
  prepareCreate: (env, vals) => {
    const model = env.store.get('ir.model', Number(vals.res_model_id));
    vals.res_model = model ? model.model : false;
  },
  methods: {
    action_feedback: ({ env, ids }) => {
      unlink(env, 'mail.activity', ids);
      return env.store.takeId('mail.message');
    },
  },
};
