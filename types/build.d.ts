/** Replaced at build time by esbuild (see esbuild.mjs). */
declare const LASER_LAB_VERSION: string;
