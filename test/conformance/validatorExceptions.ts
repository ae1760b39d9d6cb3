/**
 * Where Statecraft's verdict on the validator corpus (`../shared/conformance/validator/`) differs
 * from the verdict in the file's name.
 *
 * - `VALIDATOR_EXCEPTIONS`: verdicts we disagree with on purpose, each with the AWS documentation
 *   that decides. The runner fails when one of them starts agreeing: either a rule changed against
 *   the documented position, or the entry is stale.
 * - `VALIDATOR_OPEN_GAPS`: disagreements no rule catches yet, each naming the rule area that
 *   should. They are printed on every run; one that starts agreeing is reported so it can be removed.
 */

export const VALIDATOR_EXCEPTIONS: Readonly<Record<string, string>> = {
  'valid-task-credentials.json':
    'The corpus follows the open ASL specification, where `Credentials` is any payload template. The AWS ' +
    'developer guide (Task state fields, https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html) ' +
    'defines `Credentials` as the target role to assume, given by `RoleArn` (or `RoleArn.$`); `flag`, `parts` ' +
    'and `baz` are no such field, and without a role there is nothing to assume.',
  'invalid-jsonata-surround-syntax-no-spaces.json':
    'The AWS developer guide (Transforming data with JSONata, ' +
    'https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html) makes a JSONata expression a ' +
    'string that starts with `{%` and ends with `%}`; it asks no space inside the delimiters, and AWS\'s own ' +
    'ASL language service takes `{%%}` as an expression. `"{%10%}"` is the expression `10`.',
  'invalid-json-surround-syntax-extra-spaces.json':
    'Same page: only the text outside `{%` ... `%}` must be empty. Whitespace and newlines inside the ' +
    'delimiters belong to the JSONata expression, where they are insignificant, so `"{% \\n10         %}"` is `10`.',
};

export const VALIDATOR_OPEN_GAPS: Readonly<Record<string, string>> = {};
