// The locator lives with the PDF printer in electron/reports so there is one list of browsers.
export { chromiumArgs, findBrowserExecutable } from '../../../electron/reports/browser-executable';
