/**
 * When IIS uses an edited web.config, in the same words in the window and the command line: ASP.NET watches
 * web.config (and bin) and restarts the application's app domain on the next request; no recycle is needed.
 */
export const webConfigPickupAdvice =
  "IIS picks up the change on the next request: ASP.NET sees the new web.config and restarts this application's app domain, which loads the module's DLLs from bin again. No app-pool recycle is needed for a web.config edit.";
