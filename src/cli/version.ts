/**
 * The program's version, printed by `crm-mining --version`. It must equal `version` in package.json (a
 * test checks that); it is a constant because the same source is compiled to ES modules and CommonJS,
 * where neither `import.meta` nor a JSON import works in both.
 *
 * @module
 */

/** The package version. */
export const VERSION = '0.1.0';
