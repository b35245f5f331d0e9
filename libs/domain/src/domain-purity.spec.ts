import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// The domain holds the rules only: no framework, ORM, queue or I/O, and no clock of its own.
const ALLOWED_PACKAGES = new Set(['luxon', 'date-holidays', 'diff']);
const IMPORT = /\b(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]|\brequire\s*\(\s*['"]([^'"]+)['"]/g;
const CLOCK = /\bDate\.now\s*\(|\bnew\s+Date\s*\(\s*\)|\bDateTime\.(?:now|local|utc)\s*\(\s*\)|\bperformance\.now\s*\(/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((match) => match[1] ?? match[2] ?? match[3]);
}

const files = sourceFiles(__dirname).map((path) => [relative(__dirname, path), readFileSync(path, 'utf8')] as const);

describe('domain purity', () => {
  it('has source files to check', () => {
    expect(files.map(([name]) => name)).toEqual(expect.arrayContaining(['money.ts', 'allocation.ts', 'calendar.ts', 'index.ts']));
  });

  it.each(files)('%s imports only relative modules, luxon, date-holidays and diff', (_, source) => {
    const foreign = importsOf(source).filter((specifier) => !specifier.startsWith('.') && !ALLOWED_PACKAGES.has(specifier));
    expect(foreign).toEqual([]);
  });

  it.each(files)('%s never reads the clock', (_, source) => {
    expect(source).not.toMatch(CLOCK);
  });

  it('would catch a framework import, a Node module and a clock read', () => {
    const forbidden = "import { Injectable } from '@nestjs/common';\nimport * as fs from 'node:fs';\nconst pg = require('pg');\nimport 'reflect-metadata';";
    expect(importsOf(forbidden)).toEqual([
      '@nestjs/common',
      'node:fs',
      'pg',
      'reflect-metadata',
    ]);
    expect(importsOf("import type { X } from './x';\nexport { y } from '../y';")).toEqual(['./x', '../y']);
    for (const read of ['Date.now()', 'new Date()', 'DateTime.now()', 'DateTime.local()', 'DateTime.utc( )']) expect(read).toMatch(CLOCK);
    expect('new Date(instant)').not.toMatch(CLOCK);
  });
});
