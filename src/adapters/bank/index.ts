export type {
  BankCardType,
  BankConnector,
  BankFailure,
  CardVerification,
  MoneyRequest,
  MoneyResult,
  RequestStatus,
  StatementEntry,
  VerifyResult,
} from './bank.ts'
export { BankUnreachableError } from './bank.ts'
export { createHttpBank, type HttpBankOptions } from './http-bank.ts'
export { startSimulatorProcess, type SimulatorProcess } from './simulator-process.ts'
