/** Seeded randomness: streams and exact samplers, one distribution per file. */
export { Stream, deriveStreamState, type StreamKey } from './stream.js';
export { normal } from './normal.js';
export { gamma } from './gamma.js';
export { beta } from './beta.js';
export { binomial } from './binomial.js';
export { poisson } from './poisson.js';
