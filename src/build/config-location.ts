/**
 * Where in the user's source a bad config value was written.
 *
 * A MastraConfigError's stack points at the call that validated the config (`new Mastra({`,
 * `new Agent({`, `createTool({`); its `path` (`["server", "port"]`) says where inside the object
 * literal passed to that call the bad value sits. We parse the file with TypeScript (already a
 * dependency; loaded only when there is such an error) and follow the path through object and
 * array literals — and through a `const` of the same file when a value is a plain identifier —
 * to the property the user wrote.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type * as TS from "typescript";

export type ConfigPath = (string | number)[];

export function locateConfigValue(file: string, call: { line: number; column: number }, path: ConfigPath): { line: number; column: number } | undefined {
  if (path.length === 0) return undefined;
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const ts = createRequire(import.meta.url)("typescript") as typeof TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, /\.[cm]?tsx$|\.jsx$/.test(file) ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const lines = sf.getLineStarts();
  if (call.line < 1 || call.line > lines.length) return undefined;
  const pos = ts.getPositionOfLineAndCharacter(sf, call.line - 1, 0) + Math.max(0, call.column - 1);

  const calls: (TS.CallExpression | TS.NewExpression)[] = [];
  const visit = (node: TS.Node): void => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.getStart(sf) <= pos && pos <= node.getEnd()) calls.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  // The innermost call around the stack position that was given an object literal.
  const target = calls.reverse().find((c) => c.arguments?.some((a) => ts.isObjectLiteralExpression(a)));
  const start = target?.arguments?.find((a) => ts.isObjectLiteralExpression(a));
  if (!start) return undefined;

  const constants = new Map<string, TS.Expression>();
  const collect = (node: TS.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) constants.set(node.name.text, node.initializer);
    ts.forEachChild(node, collect);
  };
  collect(sf);
  const unwrap = (node: TS.Expression): TS.Expression => {
    for (let depth = 0; depth < 5; depth++) {
      if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
      else if (ts.isIdentifier(node) && constants.has(node.text)) node = constants.get(node.text)!;
      else break;
    }
    return node;
  };

  let node: TS.Expression = start;
  let found: TS.Node | undefined;
  for (const key of path) {
    node = unwrap(node);
    let next: TS.Node | undefined;
    if (typeof key === "number" && ts.isArrayLiteralExpression(node)) {
      next = node.elements[key];
      if (next) found = next;
    } else if (typeof key === "string") {
      // registerApiRoute("/x", { … }): the options object stands for the route.
      const object = ts.isObjectLiteralExpression(node) ? node : ts.isCallExpression(node) ? node.arguments.find((a) => ts.isObjectLiteralExpression(a)) : undefined;
      const property = object && ts.isObjectLiteralExpression(object) ? object.properties.find((p) => p.name && propertyName(ts, p.name) === key) : undefined;
      if (property) {
        found = property;
        next = ts.isPropertyAssignment(property) ? property.initializer : ts.isShorthandPropertyAssignment(property) ? property.name : undefined;
      }
    }
    if (!next) break;
    node = next as TS.Expression;
  }
  if (!found) return undefined;
  const at = sf.getLineAndCharacterOfPosition(found.getStart(sf));
  return { line: at.line + 1, column: at.character + 1 };
}

function propertyName(ts: typeof TS, name: TS.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}
