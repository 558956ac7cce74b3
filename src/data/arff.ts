/**
 * ARFF (Weka's format). CONTRACT STUB — implemented by the data/arff task.
 * @module
 */
import type { DataTable } from './table.js';

/** One ARFF attribute declaration. */
export interface ArffAttribute {
  /** The attribute's name, unquoted. */
  name: string;
  /** Its kind. */
  kind: 'numeric' | 'nominal' | 'string' | 'date';
  /** For nominal attributes, the declared values in order. */
  values?: string[];
  /** For date attributes, the declared format (default ISO-8601 `yyyy-MM-dd'T'HH:mm:ss`). */
  dateFormat?: string;
}

/** A parsed ARFF file. */
export interface ArffData {
  /** The `@relation` name. */
  relation: string;
  /** The attributes in order. */
  attributes: ArffAttribute[];
  /** The data as a table: numeric → `'number'`, nominal → `'nominal'`, string → `'string'`, date → `'date'`; `?` → null. */
  table: DataTable;
}

/** Parses ARFF text. */
export function parseArff(text: string, options: { source?: string } = {}): ArffData {
  void text;
  void options;
  throw new Error('not implemented');
}

/** Reads an ARFF file. */
export async function readArff(path: string): Promise<ArffData> {
  void path;
  throw new Error('not implemented');
}
