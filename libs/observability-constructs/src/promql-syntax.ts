// PromQL syntax check with the Prometheus project's own Lezer grammar (the one the Prometheus UI uses), so a
// typo in an alert or a dashboard query fails the render instead of silently never firing.
import { parser } from '@prometheus-io/lezer-promql';

/** Where the first syntax error of a PromQL expression sits, or undefined when the expression parses. */
export interface PromqlSyntaxError {
  /** Zero-based character offset of the first error node. */
  readonly offset: number;
  /** The expression text from that offset, shortened, to show the user. */
  readonly near: string;
}

/** Parses `expr` and returns its first syntax error, or undefined when it is valid PromQL. */
export function findPromqlSyntaxError(expr: string): PromqlSyntaxError | undefined {
  if (expr.trim() === '') return { offset: 0, near: '' };
  let firstError: number | undefined;
  parser.parse(expr).iterate({
    enter: (node) => {
      if (firstError === undefined && node.type.isError) firstError = node.from;
    },
  });
  if (firstError === undefined) return undefined;
  return { offset: firstError, near: expr.slice(firstError, firstError + 40) };
}

/** Throws an error naming `where` when `expr` is not valid PromQL. */
export function assertValidPromql(expr: string, where: string): void {
  const error = findPromqlSyntaxError(expr);
  if (error !== undefined) {
    throw new Error(
      `${where}: PromQL does not parse at character ${error.offset} (near "${error.near}"); ` +
        `fix the expression "${expr}"`,
    );
  }
}

/** The comparison an alert expression ends in: `<selector> > 80` gives `{ operator: '>', threshold: 80 }`. */
export interface PromqlComparison {
  readonly operator: '>' | '<' | '>=' | '<=' | '==' | '!=';
  readonly threshold: number;
}

const COMPARISON_NODES: Readonly<Record<string, PromqlComparison['operator']>> = {
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
  Eql: '==',
  Neq: '!=',
};

/**
 * Reads the outermost comparison of an expression from the parse tree, when its right-hand side is a number;
 * undefined otherwise. Used to check alert thresholds by meaning rather than by text.
 */
export function topLevelComparison(expr: string): PromqlComparison | undefined {
  if (findPromqlSyntaxError(expr) !== undefined) return undefined;
  const cursor = parser.parse(expr).cursor();
  // PromQL -> outermost expression; parentheses around the whole expression are not unwrapped on purpose.
  if (!cursor.firstChild() || cursor.name !== 'BinaryExpr') return undefined;
  const children: { name: string; text: string }[] = [];
  if (cursor.firstChild()) {
    do children.push({ name: cursor.name, text: expr.slice(cursor.from, cursor.to) });
    while (cursor.nextSibling());
  }
  const [, operatorNode, right] = children;
  const operator = operatorNode === undefined ? undefined : COMPARISON_NODES[operatorNode.name];
  if (operator === undefined || right === undefined || right.name !== 'NumberDurationLiteral') return undefined;
  const threshold = Number(right.text);
  return Number.isFinite(threshold) ? { operator, threshold } : undefined;
}
