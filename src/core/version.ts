/** The extension's version, from package.json at build time. */
export const VERSION: string = LASER_LAB_VERSION;
