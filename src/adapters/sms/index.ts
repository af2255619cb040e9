export { createHttpSms, createOutboxSms, type OutboxMessage, type SmsSender } from './sms.ts'
