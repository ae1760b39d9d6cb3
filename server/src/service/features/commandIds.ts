/**
 * The commands that code actions ask the client to run. The client registers them under the same
 * ids (it imports this file, which must stay free of other imports to keep the client bundle small).
 */

/** Turns a rule off in the settings: `statecraft.disableRule(code)` sets `"statecraft.rules": { code: "off" }`. */
export const DISABLE_RULE_COMMAND = 'statecraft.disableRule';
