import { XMLValidator } from 'fast-xml-parser';
import { WebConfigRefusal } from './webconfig-refusal';
import { scanXml, XmlScanError, type XmlDocument } from './xml-scanner';

/**
 * Reads web.config text (without its byte order mark) for editing. fast-xml-parser's validator
 * names the line and column of malformed input; the scanner then refuses what the validator lets
 * through (a bare &, < in a value, two roots, a DOCTYPE) with its own line and column.
 */
export function readWebConfig(text: string): XmlDocument {
  const verdict = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (verdict !== true) {
    const { line, col, msg } = verdict.err;
    throw new WebConfigRefusal(
      'malformed',
      `web.config is not well-formed XML at line ${line}, column ${col}: ${msg}`,
      { line, column: col },
    );
  }
  try {
    return scanXml(text);
  } catch (error) {
    if (!(error instanceof XmlScanError)) throw error;
    const what = error.kind === 'malformed' ? 'is not well-formed XML' : 'cannot be edited';
    throw new WebConfigRefusal(
      error.kind,
      `web.config ${what} at line ${error.line}, column ${error.column}: ${error.reason}`,
      { line: error.line, column: error.column },
    );
  }
}
