/**
 * BullMQ keys are `<prefix>:<queue>:<suffix>`. Wrapping the queue name in a Redis Cluster hash tag
 * inside the prefix (`temu-odoo:{temu-orders}`) puts every key of that queue in one slot, which
 * BullMQ's multi-key Lua scripts require on a cluster, while different queues still spread out.
 */
export function queuePrefix(basePrefix: string, queueName: string): string {
  return `${basePrefix}:{${queueName}}`;
}
