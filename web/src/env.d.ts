/** Defined by web/vite.config.ts at build time. */
declare const __TRUCE_VERSION__: string;
