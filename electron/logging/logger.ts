import { join } from 'node:path';
import winston from 'winston';
import DailyRotateFile from 'winston-daily-rotate-file';
import type { Redactor } from './redact';

export interface AppLogger {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
  close(): Promise<void>;
}

export interface LoggerOptions {
  directory: string;
  redactor: Redactor;
  level?: string;
  /** Extra transports, e.g. the console for the CLI or an in-memory stream in tests. */
  transports?: winston.transport[];
}

// Redaction runs first, before any transport sees the entry.
const redactFormat = (redactor: Redactor) => winston.format((info) => redactor.redact(info))();

/** JSON-lines logs in userData/logs, rotated daily and by size, with secrets redacted. */
export function createAppLogger(options: LoggerOptions): AppLogger {
  const rotating = new DailyRotateFile({
    dirname: options.directory,
    filename: 'exready-%DATE%.log',
    datePattern: 'YYYY-MM-DD',
    maxSize: '10m',
    maxFiles: '14d',
    auditFile: join(options.directory, '.log-rotation.json'),
  });
  const logger = winston.createLogger({
    level: options.level ?? 'info',
    format: winston.format.combine(
      redactFormat(options.redactor),
      winston.format.timestamp(),
      winston.format.json(),
    ),
    transports: [rotating, ...(options.transports ?? [])],
  });
  return {
    info: (message, meta) => logger.info(message, meta),
    warn: (message, meta) => logger.warn(message, meta),
    error: (message, meta) => logger.error(message, meta),
    close: () =>
      new Promise<void>((resolve) => {
        rotating.on('finish', () => resolve());
        logger.end();
      }),
  };
}
