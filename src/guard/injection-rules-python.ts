import { isConstant, isFormattedPython, readCallArguments } from './call-arguments.ts';
import { sqlShape, sqlShapeUpper, type InjectionRule } from './injection-rule.ts';
import { braceHoles, percentHoles, sqlHolesSeverity } from './sql-holes.ts';

function argumentsAt(text: string, match: RegExpExecArray): string[] {
  return readCallArguments(text, match.index + match[0].length - 1) ?? [];
}

const safeYamlLoader = /\bLoader\s*=\s*(?:[\w.]*\.)?(?:C?SafeLoader|BaseLoader)\b/;

/** Injection rules for Python. */
export const pythonInjectionRules: InjectionRule[] = [
  {
    id: 'injection.python-sql-format',
    trigger: /SELECT|INSERT|UPDATE|DELETE|select|insert|update|delete/,
    pattern: /(?:\b[rR]?[fF][rR]?)?("""|'''|"|')\s*(?:SELECT|INSERT|UPDATE|DELETE|WITH)\b/gi,
    startsAtString: true,
    judge(text, match) {
      const quote = match[1]!;
      const bodyStart = match.index + match[0].indexOf(quote) + quote.length;
      const close = text.indexOf(quote, bodyStart);
      if (close === -1) return null;
      const body = text.slice(bodyStart, close);
      const after = text.slice(close + quote.length, close + quote.length + 40);
      const sqlLike =
        sqlShapeUpper.test(body) || (sqlShape.test(body) && /\bwhere\b|\*/i.test(body));
      if (!sqlLike) return null;
      if (/^[rR]?[fF]/.test(match[0])) return sqlHolesSeverity(body, braceHoles(body));
      if (/^\s*%\s*[\w(]/.test(after)) return sqlHolesSeverity(body, percentHoles(body));
      if (/^\s*\.format\s*\(/.test(after)) return sqlHolesSeverity(body, braceHoles(body));
      if (/^\s*\+\s*(?![\s"'\d])/.test(after)) {
        return sqlHolesSeverity(body, [
          { at: body.length, expression: after.replace(/^\s*\+\s*/, '') },
        ]);
      }
      return null;
    },
    message:
      'SQL built with an f-string, % formatting, .format() or + (SQL injection where a value is formatted in)',
    fixHint:
      'Pass values as parameters: cursor.execute("SELECT ... WHERE id = %s", (user_id,)); never format them into the SQL.',
  },
  {
    id: 'injection.python-eval',
    trigger: /\b(?:eval|exec)\s*\(/,
    pattern: /(?<![\w.])(?:eval|exec)\s*\(/g,
    judge(text, match) {
      if (/def\s*$/.test(text.slice(Math.max(0, match.index - 8), match.index))) return null;
      const [code] = argumentsAt(text, match);
      if (code === undefined || code === '' || isConstant(code)) return null;
      return match[0].startsWith('eval') ? 'critical' : 'high';
    },
    message: 'eval/exec of a value computed at run time: whoever controls it runs code',
    fixHint: 'Parse data with json.loads or ast.literal_eval; dispatch to known functions by name.',
  },
  {
    id: 'injection.python-shell',
    trigger: /subprocess|Popen|check_output/,
    pattern:
      /\bsubprocess\.(?:run|call|Popen|check_output|check_call|getoutput|getstatusoutput)\s*\(|(?<![\w.])(?:Popen|check_output|check_call)\s*\(/g,
    judge(text, match) {
      const args = argumentsAt(text, match);
      const command = args[0] ?? '';
      const shell =
        /getoutput|getstatusoutput/.test(match[0]) ||
        args.some((arg) => /^shell\s*=\s*True$/.test(arg));
      const formatted = isFormattedPython(command);
      if (shell && formatted) return 'critical';
      if (shell && command !== '' && !isConstant(command)) return 'high';
      return formatted ? 'medium' : null;
    },
    message: 'subprocess command as a formatted string (with shell=True, command injection)',
    fixHint: 'Pass an argument list without shell=True: subprocess.run(["git", "log", branch]).',
  },
  {
    id: 'injection.python-os-system',
    trigger: /\bos\.(?:system|popen)|commands\.getoutput/,
    pattern: /\bos\.(?:system|popen)\s*\(|\bcommands\.getoutput\s*\(/g,
    judge(text, match) {
      const [command] = argumentsAt(text, match);
      if (command === undefined || command === '' || isConstant(command)) return null;
      return isFormattedPython(command) ? 'critical' : 'high';
    },
    message:
      'os.system/os.popen runs its argument through a shell; this one is computed (command injection)',
    fixHint: 'Use subprocess.run with an argument list and no shell.',
  },
  {
    id: 'injection.python-pickle',
    trigger: /pickle|dill|joblib/,
    pattern: /\b(?:c?[pP]ickle|_pickle|dill|joblib)\.(?:loads?|Unpickler)\s*\(/g,
    judge: () => 'high',
    message: 'unpickling runs code chosen by whoever wrote the data (unsafe deserialisation)',
    fixHint:
      'Exchange data as JSON (json.loads) or another format without code; unpickle only your own files.',
  },
  {
    id: 'injection.python-marshal',
    trigger: /marshal/,
    pattern: /\bmarshal\.loads?\s*\(/g,
    judge: () => 'high',
    message: 'marshal is not safe against malicious data (unsafe deserialisation)',
    fixHint: 'Use json for data from outside.',
  },
  {
    id: 'injection.python-yaml-load',
    trigger: /yaml/,
    pattern: /\byaml\.(?:load|load_all|unsafe_load|unsafe_load_all|full_load|full_load_all)\s*\(/g,
    judge(text, match) {
      if (/unsafe_load/.test(match[0])) return 'high';
      if (/full_load/.test(match[0])) return 'medium';
      return argumentsAt(text, match).some((arg) => safeYamlLoader.test(arg)) ? null : 'high';
    },
    message:
      'yaml.load without SafeLoader can build arbitrary Python objects (unsafe deserialisation)',
    fixHint: 'Use yaml.safe_load(data), or yaml.load(data, Loader=yaml.SafeLoader).',
  },
];
