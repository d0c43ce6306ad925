export * from './catalogue.js'
export * from './language.js'
export * from './problem.js'
