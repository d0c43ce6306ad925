export * from './principal.js'
export * from './jwt.js'
export * from './policy.js'
