/** What the tool says about itself in `--version`, SARIF and the language server's `serverInfo`. */
import packageJson from '../../../package.json';

export const PRODUCT_NAME = 'statecraft';
export const PRODUCT_VERSION: string = packageJson.version;
/** The project's home page, for SARIF's `informationUri`. */
export const PRODUCT_URL = 'https://github.com/statecraft/statecraft';
