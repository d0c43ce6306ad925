export * from './port'
export * from './table'
export * from './timeout'
