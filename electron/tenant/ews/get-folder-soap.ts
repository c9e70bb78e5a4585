import { XMLParser } from 'fast-xml-parser';

const typesNs = 'http://schemas.microsoft.com/exchange/services/2006/types';
const messagesNs = 'http://schemas.microsoft.com/exchange/services/2006/messages';

// The mailbox address is the one user value in the envelope: escaped, never spliced raw.
function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** One GetFolder of the inbox; app-only names the mailbox in the ExchangeImpersonation header. */
export function getInboxEnvelope(mailbox: string, impersonate: boolean): string {
  const address = escapeXml(mailbox);
  const impersonation = impersonate
    ? `<t:ExchangeImpersonation><t:ConnectingSID><t:PrimarySmtpAddress>${address}</t:PrimarySmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>`
    : '';
  const folder = impersonate
    ? '<t:DistinguishedFolderId Id="inbox"/>'
    : `<t:DistinguishedFolderId Id="inbox"><t:Mailbox><t:EmailAddress>${address}</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="${typesNs}" xmlns:m="${messagesNs}">`,
    `<soap:Header><t:RequestServerVersion Version="Exchange2013_SP1"/>${impersonation}</soap:Header>`,
    '<soap:Body><m:GetFolder><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>',
    `<m:FolderIds>${folder}</m:FolderIds></m:GetFolder></soap:Body>`,
    '</soap:Envelope>',
  ].join('');
}

/** What the probe reads from a GetFolder answer (a response message or a SOAP fault). */
export interface GetFolderAnswer {
  parsed: boolean;
  responseClass?: string;
  responseCode?: string;
  /** Microsoft's text, shown to the admin; never used to classify. */
  messageText?: string;
  faultCode?: string;
  folder?: { displayName?: string; totalCount?: number; unreadCount?: number };
}

// Elements matched by local name: the published examples and live EWS disagree on namespace URIs.
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  processEntities: true,
});

type XmlNode = Record<string, unknown>;
const node = (value: unknown): XmlNode | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as XmlNode) : undefined;
const first = (value: unknown): unknown => (Array.isArray(value) ? (value as unknown[])[0] : value);
const textOf = (value: unknown): string | undefined => {
  const one = first(value);
  if (typeof one === 'string') return one.trim();
  const inner = node(one)?.['#text'];
  return typeof inner === 'string' ? inner.trim() : undefined;
};
const numberOf = (value: unknown): number | undefined => {
  const raw = textOf(value);
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
};

/** Reads the first GetFolderResponseMessage, or the SOAP fault's detail; never throws. */
export function readGetFolderAnswer(xml: string): GetFolderAnswer {
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch {
    return { parsed: false };
  }
  const body = node(node(node(doc)?.Envelope)?.Body);
  if (body === undefined) return { parsed: false };
  const message = node(
    first(node(node(node(body.GetFolderResponse)?.ResponseMessages))?.GetFolderResponseMessage),
  );
  if (message !== undefined) {
    const answer: GetFolderAnswer = { parsed: true };
    const responseClass = message['@ResponseClass'];
    if (typeof responseClass === 'string') answer.responseClass = responseClass;
    const code = textOf(message.ResponseCode);
    if (code !== undefined) answer.responseCode = code;
    const messageText = textOf(message.MessageText);
    if (messageText !== undefined) answer.messageText = messageText;
    const folder = node(first(node(message.Folders)?.Folder));
    if (folder !== undefined) {
      answer.folder = {};
      const displayName = textOf(folder.DisplayName);
      if (displayName !== undefined) answer.folder.displayName = displayName;
      const total = numberOf(folder.TotalCount);
      if (total !== undefined) answer.folder.totalCount = total;
      const unread = numberOf(folder.UnreadCount);
      if (unread !== undefined) answer.folder.unreadCount = unread;
    }
    return answer;
  }
  const fault = node(body.Fault);
  if (fault !== undefined) {
    const answer: GetFolderAnswer = { parsed: true };
    const faultCode = textOf(fault.faultcode);
    if (faultCode !== undefined) answer.faultCode = faultCode;
    const faultString = textOf(fault.faultstring);
    if (faultString !== undefined) answer.messageText = faultString;
    const code = textOf(node(fault.detail)?.ResponseCode);
    if (code !== undefined) answer.responseCode = code;
    return answer;
  }
  return { parsed: true };
}
