import { XMLValidator } from 'fast-xml-parser';
import { WebConfigRefusal } from './webconfig-refusal';
import { scanXml, XmlScanError, type XmlDocument } from './xml-scanner';

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
    const { line, col, msg } = verdict.err;
    throw new WebConfigRefusal(
      'malformed',
      `web.config is not well-formed XML at line ${line}, column ${col}: ${msg}`,
      { line, column: col },
    );
  }
  return doc;
}
