/** Salvo against layered air defence (docs/model/reference.md 3.8) and campaigns (3.9). */
export * from './types.js';
export * from './schema.js';
export * from './rules.js';
export * from './normalize.js';
export * from './closed-form.js';
export * from './binomial-pmf.js';
export * from './exact.js';
export * from './salvo-sampler.js';
export * from './monte-carlo.js';
export * from './engage.js';
export * from './campaign-schema.js';
export * from './campaign.js';
export * from './fluid.js';
