// Product identity used by the window title, the CLI banner, logs and reports.
export const productName = 'ExReady';
export const appId = 'com.exready.desktop';
