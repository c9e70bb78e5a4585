import { XMLValidator } from 'fast-xml-parser';
import { WebConfigRefusal } from './webconfig-refusal';
import { scanXml, XmlScanError, type XmlDocument } from './xml-scanner';

/**
 * The validator leaves the column out for some errors (a document with no element at all): then the error
 * stands at the end of that line, where the missing start tag was expected.
 */
export function validatorColumn(text: string, line: number, col: number | undefined): number {
  if (col !== undefined) return col;
  return (text.split('\n')[line - 1] ?? '').replace(/\r$/, '').length + 1;
}

/**
 * Reads web.config text (without its byte order mark) for editing. The scanner refuses malformed input
 * with its own line, column and reason (names, namespaces, the declaration, characters XML forbids);
 * fast-xml-parser's validator then gets a second say, so what either finds malformed is refused.
 */
export function readWebConfig(text: string): XmlDocument {
  let doc: XmlDocument;
  try {
    doc = scanXml(text);
  } catch (error) {
    if (!(error instanceof XmlScanError)) throw error;
    const what = error.kind === 'malformed' ? 'is not well-formed XML' : 'cannot be edited';
    throw new WebConfigRefusal(
      error.kind,
      `web.config ${what} at line ${error.line}, column ${error.column}: ${error.reason}`,
      { line: error.line, column: error.column },
    );
  }
  const verdict = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (verdict !== true) {
    const { line, msg } = verdict.err;
    const column = validatorColumn(text, line, verdict.err.col);
    throw new WebConfigRefusal(
      'malformed',
      `web.config is not well-formed XML at line ${line}, column ${column}: ${msg}`,
      { line, column },
    );
  }
  return doc;
}
