/** The Exchange app pool behind each app ExReady changes: looked up from the app id, never taken from user text. */
export const exchangeAppPools: Readonly<Record<string, string>> = {
  owa: 'MSExchangeOWAAppPool',
  ecp: 'MSExchangeECPAppPool',
};
