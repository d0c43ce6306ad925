export * from './port.js'
export * from './table.js'
export * from './timeout.js'
