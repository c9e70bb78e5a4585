import {
  applySemanticOperations,
  firstDifference,
  parseSemantic,
  sameSemantics,
  type SemanticElement,
  type SemanticOperation,
} from './semantic-model';
import { WebConfigRefusal } from './webconfig-refusal';

/**
 * Proves with fast-xml-parser that `after` means exactly `before` plus the intended operations:
 * anything else changed, or anything intended missing, refuses the edit.
 */
export function proveSemanticChange(
  before: string,
  after: string,
  operations: readonly SemanticOperation[],
): void {
  let expected: SemanticElement;
  let actual: SemanticElement;
  try {
    expected = applySemanticOperations(parseSemantic(before), operations);
    actual = parseSemantic(after);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new WebConfigRefusal('semantic-mismatch', `the edit could not be proved: ${reason}`);
  }
  if (!sameSemantics(expected, actual)) {
    const difference = firstDifference(expected, actual) ?? 'the trees differ';
    throw new WebConfigRefusal(
      'semantic-mismatch',
      `the edited file would differ from the intended change (${difference}); nothing was written`,
    );
  }
}
