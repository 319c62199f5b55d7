import { describe, expect, it } from 'vitest';
import type { Severity } from './finding.ts';
import { injectionRules } from './scan-injection.ts';
import { scanText } from './scan-text.ts';

interface Case {
  rule: string;
  file: string;
  positive: string;
  severity: Severity;
  negative: string;
}

const cases: Case[] = [
  {
    rule: 'injection.sql-interpolation',
    file: 'users.ts',
    positive:
      "const rows = await db.query(`SELECT * FROM users WHERE email = '${req.body.email}'`);",
    severity: 'critical',
    negative: 'const rows = await db.query(sql`SELECT * FROM users WHERE email = ${email}`);',
  },
  {
    rule: 'injection.sql-concatenation',
    file: 'orders.js',
    positive: 'const q = "SELECT * FROM orders WHERE id = " + req.params.id;',
    severity: 'critical',
    negative: 'const q = "SELECT * FROM orders WHERE id = $1";',
  },
  {
    rule: 'injection.eval',
    file: 'calc.js',
    positive: 'const result = eval(req.query.expr);',
    severity: 'critical',
    negative: 'const two = eval("1 + 1");',
  },
  {
    rule: 'injection.new-function',
    file: 'template.js',
    positive: "const render = new Function('data', templateSource);",
    severity: 'high',
    negative: "const double = new Function('a', 'return a * 2');",
  },
  {
    rule: 'injection.shell-command',
    file: 'git.ts',
    positive: "import { exec } from 'node:child_process';\nexec(`git log ${branch}`);",
    severity: 'critical',
    negative: "import { execFile } from 'node:child_process';\nexecFile('git', ['log', branch]);",
  },
  {
    rule: 'injection.html-sink',
    file: 'comments.js',
    positive: 'element.innerHTML = comment.body;',
    severity: 'high',
    negative: "element.innerHTML = '<b>Saved</b>';\nelement.textContent = comment.body;",
  },
  {
    rule: 'injection.document-write',
    file: 'legacy.js',
    positive: 'document.write(location.hash);',
    severity: 'high',
    negative: "document.write('<p>Loading</p>');",
  },
  {
    rule: 'injection.react-dangerous-html',
    file: 'post.tsx',
    positive:
      'export const Post = ({ post }) => <div dangerouslySetInnerHTML={{ __html: post.html }} />;',
    severity: 'high',
    negative:
      'export const Post = ({ post }) => <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(post.html) }} />;',
  },
  {
    rule: 'injection.python-sql-format',
    file: 'users.py',
    positive: `cursor.execute(f"SELECT * FROM users WHERE name = '{name}'")`,
    severity: 'critical',
    negative: 'cursor.execute("SELECT * FROM users WHERE name = %s", (name,))',
  },
  {
    rule: 'injection.python-eval',
    file: 'calc.py',
    positive: 'result = eval(request.args["expr"])',
    severity: 'critical',
    negative: 'value = ast.literal_eval(text)',
  },
  {
    rule: 'injection.python-shell',
    file: 'backup.py',
    positive: 'subprocess.run(f"tar xzf {archive}", shell=True)',
    severity: 'critical',
    negative: 'subprocess.run(["tar", "xzf", archive], check=True)',
  },
  {
    rule: 'injection.python-os-system',
    file: 'ping.py',
    positive: 'os.system("ping -c 1 " + host)',
    severity: 'critical',
    negative: 'os.system("clear")',
  },
  {
    rule: 'injection.python-pickle',
    file: 'cache.py',
    positive: 'data = pickle.loads(request.body)',
    severity: 'high',
    negative: 'data = json.loads(request.body)',
  },
  {
    rule: 'injection.python-marshal',
    file: 'code_cache.py',
    positive: 'code = marshal.loads(blob)',
    severity: 'high',
    negative: 'blob = marshal.dumps(code)',
  },
  {
    rule: 'injection.python-yaml-load',
    file: 'config.py',
    positive: 'config = yaml.load(stream)',
    severity: 'high',
    negative: 'config = yaml.load(stream, Loader=yaml.SafeLoader)',
  },
];

describe('injection rules', () => {
  it('have a positive and a negative case each', () => {
    const ruleIds = [...injectionRules.javascript, ...injectionRules.python].map((rule) => rule.id);
    expect(cases.map((testCase) => testCase.rule).sort()).toEqual([...ruleIds].sort());
  });

  it.each(cases)('$rule finds its positive case', async ({ rule, file, positive, severity }) => {
    const findings = await scanText(file, `${positive}\n`);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: rule, category: 'injection', severity, file });
    expect(findings[0]!.line).toBe(positive.split('\n').length);
    expect(findings[0]!.fixHint.length).toBeGreaterThan(10);
  });

  it.each(cases)('$rule leaves its negative case alone', async ({ file, negative }) => {
    expect(await scanText(file, `${negative}\n`)).toEqual([]);
  });

  it('ignores the patterns in comments and in strings', async () => {
    const text = [
      '// never write eval(userInput) or el.innerHTML = userInput',
      '/* db.query(`SELECT * FROM t WHERE id = ${id}`) */',
      'const advice = "do not call eval(input)";',
    ].join('\n');
    expect(await scanText('notes.js', text)).toEqual([]);
    expect(
      await scanText('notes.py', '# eval(user_input) is dangerous\ns = "os.system(cmd)"\n'),
    ).toEqual([]);
  });

  it('rates SQL that interpolates only names, not values, as medium', async () => {
    const text = 'const rows = db.query(`SELECT ${columns} FROM users WHERE id = $1`, [id]);\n';
    const findings = await scanText('list.ts', text);
    expect(findings.map((finding) => [finding.ruleId, finding.severity])).toEqual([
      ['injection.sql-interpolation', 'medium'],
    ]);
  });

  it('leaves declaration files alone', async () => {
    expect(await scanText('lib.d.ts', 'declare function eval(x: string): any;\n')).toEqual([]);
  });
});
