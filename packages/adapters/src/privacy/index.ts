export { protectPersonalData, type PersonalDataOptions, type ProtectedStore } from './protect'
export type { Keyring, SubjectKey, KeyLookup, ErasureReceipt } from './keyring'
export { memoryKeyring } from './memory-keyring'
export { sqlKeyring, subjectKeysSchema, type Queryable, type SqlKeyringOptions } from './sql-keyring'
export {
  kezekPersonalFields,
  mapPersonalFields,
  subjectOf,
  ERASED_IIN,
  ERASED_TEXT,
  type PersonalField,
  type Match,
} from './personal-fields'
export { sealText, parseSealed, SEALED_PREFIX } from './cipher'
