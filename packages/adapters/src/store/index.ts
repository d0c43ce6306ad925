export * from './port'
export { openMemoryStore, MemoryLog, type MemoryStoreOptions } from './memory'
export { follow, type Page, type PagedLog, type FollowOptions } from './subscription'
export { validateAppend, expectationHolds, MAX_NAME_LENGTH, type ValidEvent } from './validate'
