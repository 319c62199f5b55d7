import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chooseStack,
  lessonFitsStack,
  stackNamed,
  stackNotesOf,
  stackOfPrd,
} from './choose-stack.ts';

const emptyDirectory = () => mkdtempSync(join(tmpdir(), 'loki-choose-stack-'));

describe('choosing the stack of a build', () => {
  it('takes the framework a PRD names, before its language', () => {
    expect(stackOfPrd('# Notes\nA FastAPI service in Python that stores notes.')?.id).toBe(
      'fastapi',
    );
    expect(stackOfPrd('An admin site built with Django and its ORM.')?.id).toBe('django');
    expect(stackOfPrd('A REST API on Express, written in TypeScript.')?.id).toBe('express');
    expect(stackOfPrd('A React single-page app bundled with Vite.')?.id).toBe('react-vite');
    expect(stackOfPrd('A command-line tool in Python.')?.id).toBe('python');
    expect(stackOfPrd('Node.js 22+ built-ins only (`node:http`).')?.id).toBe('node');
  });

  it('takes the front end + API pair when the PRD asks for a front end on an API', () => {
    const choice = stackOfPrd('A React front end on an Express API, one repository.');
    expect(choice).toMatchObject({ id: 'web-api', source: 'prd' });
    expect(choice?.reason).toMatch(/front end \("react".*\) and an API \("express"\)/);
  });

  it('names no stack for a PRD that names none, and matches whole words only', () => {
    expect(stackOfPrd('A shop that sells hats.')).toBeNull();
    expect(stackOfPrd('Give a reaction within a second.')).toBeNull();
  });

  it('prefers the stack asked for, then the product directory, then the PRD', async () => {
    const prd = 'A FastAPI service.';
    await expect(
      chooseStack({ requested: 'django', root: emptyDirectory(), prd }),
    ).resolves.toMatchObject({ id: 'django', source: 'requested' });
    const project = emptyDirectory();
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'shop', dependencies: { express: '^5.0.0' } }),
    );
    await expect(chooseStack({ root: project, prd })).resolves.toMatchObject({
      id: 'express',
      source: 'project',
    });
    await expect(chooseStack({ root: join(project, 'not-yet'), prd })).resolves.toMatchObject({
      id: 'fastapi',
      source: 'prd',
    });
  });

  it('rejects a stack it does not know, naming the ones it does', () => {
    expect(() => stackNamed('rails')).toThrow(/unknown stack "rails"; Loki knows .*fastapi/);
  });

  it('keeps lessons about the build’s stack or its language, and untagged ones', () => {
    const express = stackNamed('express');
    expect(lessonFitsStack([], express)).toBe(true);
    expect(lessonFitsStack(['api', 'stack:express'], express)).toBe(true);
    expect(lessonFitsStack(['stack:node'], express)).toBe(true);
    expect(lessonFitsStack(['stack:django'], express)).toBe(false);
    expect(lessonFitsStack(['stack:python'], express)).toBe(false);
  });

  it('tells agents the layout and how to run all tests and one', () => {
    const notes = stackNotesOf(stackNamed('fastapi'));
    expect(notes).toContain(stackNamed('fastapi').conventions.testCommand);
    expect(notes).toMatch(/one test file with `.+`/);
  });
});
