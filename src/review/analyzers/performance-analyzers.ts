import {
  javascriptExtensions,
  pythonExtension,
  type AnalyzerFinding,
  type SourceSet,
} from './analyzer-finding.ts';
import { analyzeJavaScriptPerformance } from './javascript-performance.ts';
import { analyzePythonPerformance } from './python-performance.ts';

/** The performance reviewer's facts, per language, on the reviewed files. */
export function analyzePerformance(sources: SourceSet): AnalyzerFinding[] {
  const findings: AnalyzerFinding[] = [];
  for (const [file, text] of sources.files) {
    if (javascriptExtensions.test(file)) findings.push(...analyzeJavaScriptPerformance(file, text));
    else if (pythonExtension.test(file)) findings.push(...analyzePythonPerformance(file, text));
  }
  return findings;
}
