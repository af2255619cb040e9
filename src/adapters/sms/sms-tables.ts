/** The table the offline SMS adapter owns: the outbox developers read (`lingqian sms tail`). */
export interface SmsTables {
  sms_outbox: {
    id: import('kysely').Generated<number>
    phone: string
    body: string
    created_at: Date
  }
}
