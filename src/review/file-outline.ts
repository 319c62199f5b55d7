import ts from 'typescript';

/**
 * The outline of a file a reviewed file imports: its declarations without their bodies, so a
 * reviewer sees what it calls (names, parameters, types) at a fraction of the tokens.
 */
export function fileOutline(file: string, text: string): string {
  if (file.endsWith('.py')) return pythonOutline(text);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const parts: string[] = [];
  const upTo = (node: ts.Node, end: number) =>
    `${text.slice(node.getStart(source), end).trimEnd()} { … }`;
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) continue;
    if (ts.isFunctionDeclaration(statement) && statement.body) {
      parts.push(upTo(statement, statement.body.getStart(source)));
    } else if (ts.isClassDeclaration(statement)) {
      const header = text.slice(statement.getStart(source), statement.members.pos).trimEnd();
      const members = statement.members.map((member) =>
        (ts.isMethodDeclaration(member) || ts.isConstructorDeclaration(member)) && member.body
          ? `  ${upTo(member, member.body.getStart(source))}`
          : `  ${member.getText(source)}`,
      );
      parts.push(`${header}\n${members.join('\n')}\n}`);
    } else if (ts.isVariableStatement(statement)) {
      parts.push(variableOutline(statement, source, text));
    } else if (statement.getText(source).length <= 400) {
      parts.push(statement.getText(source));
    } else {
      parts.push(`${statement.getText(source).split('\n')[0]} …`);
    }
  }
  return parts.join('\n');
}

function variableOutline(
  statement: ts.VariableStatement,
  source: ts.SourceFile,
  text: string,
): string {
  const declaration = statement.declarationList.declarations[0];
  const initializer = declaration?.initializer;
  if (
    initializer &&
    (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) &&
    ts.isBlock(initializer.body)
  ) {
    return `${text.slice(statement.getStart(source), initializer.body.getStart(source)).trimEnd()} { … }`;
  }
  const whole = statement.getText(source);
  return whole.length <= 400 ? whole : `${whole.split('\n')[0]} …`;
}

function pythonOutline(text: string): string {
  return text
    .split('\n')
    .filter((line) =>
      /^\s*(?:@|(?:async\s+)?def\s|class\s)|^[A-Za-z_]\w*\s*(?::[^=]+)?=/.test(line),
    )
    .join('\n');
}
