/** The shape of `asl-validator` 4.x, which ships JavaScript without type declarations. */
declare module 'asl-validator' {
  namespace validator {
    interface StateMachineError {
      'Error code': string;
      Message: string;
      schemaError?: { instancePath: string; schemaPath: string };
    }
    interface ValidationOptions {
      readonly checkPaths: boolean;
      readonly checkArn: boolean;
    }
    interface ValidationResult {
      isValid: boolean;
      errors: StateMachineError[];
      errorsText(separator?: string): string;
    }
  }
  /** Validates a definition object. It writes a default `QueryLanguage` into every state it visits. */
  function validator(definition: unknown, options?: validator.ValidationOptions): validator.ValidationResult;
  export = validator;
}
