/**
 * The execution conformance corpus: every case is an execution recorded against real AWS. Runs when
 * the corpus folder is present (CI has it), prints the pass rate per feature and each failing case
 * with its reason, and fails below the committed pass rate.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { byFeature, corpusAvailable, CORPUS_DIR, reason, runCorpus } from './executionCorpus';

/** The committed pass rate, in percent (what the interpreter reaches, rounded down). */
const REQUIRED_PASS_RATE = 99;
/** Of the cases with a recorded history: how many have AWS's event types and names, in AWS's order. */
const REQUIRED_HISTORY_RATE = 98;

/**
 * Cases no faithful interpreter can pass: the recording replaced a value AWS produced with a fixed
 * string before it was stored, so the expected output holds text AWS never returns.
 */
const RECORDING_ARTIFACTS: Record<string, string> = {
  test_math_operations_TestMathOperations_test_math_random__exec0__80790ec6df: 'the recorder replaced the random number with "RandomNumberGenerated"',
  test_math_operations_TestMathOperations_test_math_random__exec1__9e229f21ad: 'the recorder replaced the random number with "RandomNumberGenerated"',
  test_math_operations_TestMathOperations_test_math_random__exec2__6ae969d78b: 'the recorder replaced the random number with "RandomNumberGenerated"',
  test_math_operations_TestMathOperations_test_math_random_seeded__9e66e1e2bf: 'the recorder replaced the random number with "RandomNumberGenerated"',
  test_base_TestSnfBase_test_query_context_object_values__3d17a002a7: 'the recorder replaced $$.Execution.StartTime and $$.State.EnteredTime with "start-time" and "entered-time"',
};

describe('execution conformance corpus', () => {
  if (!corpusAvailable()) {
    it(`skipped: the corpus is not at ${CORPUS_DIR}`, { skip: 'corpus folder not present' }, () => {});
    return;
  }
  it(`passes at least ${REQUIRED_PASS_RATE}% of the AWS-recorded executions`, async () => {
    const outcomes = await runCorpus();
    const passed = outcomes.filter((o) => o.ok).length;
    const lines: string[] = ['', 'Pass rate per feature:'];
    for (const row of byFeature(outcomes)) {
      lines.push(`  ${row.feature.padEnd(45)} ${String(row.passed).padStart(4)}/${String(row.total).padEnd(4)} ${((row.passed / row.total) * 100).toFixed(1)}%`);
    }
    const failing = outcomes.filter((o) => !o.ok);
    if (failing.length > 0) {
      lines.push('', `Failing cases (${failing.length}):`);
      for (const outcome of failing) {
        const artifact = RECORDING_ARTIFACTS[outcome.name];
        lines.push(`  ${outcome.name}: ${artifact ? `recording artifact: ${artifact}` : reason(outcome)}`);
      }
    }
    const rate = (passed / outcomes.length) * 100;
    lines.push('', `Total: ${passed}/${outcomes.length} (${rate.toFixed(1)}%)`);
    const withHistory = outcomes.filter((o) => o.historyMatches !== undefined);
    const historyFailing = withHistory.filter((o) => !o.historyMatches);
    const historyRate = ((withHistory.length - historyFailing.length) / withHistory.length) * 100;
    lines.push(`History events as AWS wrote them: ${withHistory.length - historyFailing.length}/${withHistory.length} (${historyRate.toFixed(1)}%)`);
    for (const outcome of historyFailing) lines.push(`  ${outcome.name}: ${outcome.historyDifference}`);
    process.stdout.write(lines.join('\n') + '\n');
    assert.ok(rate >= REQUIRED_PASS_RATE, `pass rate ${rate.toFixed(1)}% is below the committed ${REQUIRED_PASS_RATE}%`);
    assert.ok(historyRate >= REQUIRED_HISTORY_RATE, `history match rate ${historyRate.toFixed(1)}% is below the committed ${REQUIRED_HISTORY_RATE}%`);
  });
});
