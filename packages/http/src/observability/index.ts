export * from './redact.js'
export * from './logger.js'
export * from './metrics.js'
export * from './service-metrics.js'
