import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, configSchema, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('when nothing is set, then every default applies and the port is 3000', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.MONGODB_URI).toBeUndefined();
    expect(config.EMPLOYER_INCENTIVE_PENCE).toBe(100_000);
  });

  it('when a value is bad, then the error names the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ MONGODB_URI: 'postgres://x' })).toThrow(/MONGODB_URI/);
    expect(() => loadConfig({ JOBS_ENABLED: 'maybe' })).toThrow(/JOBS_ENABLED/);
  });

  it('when several values are bad, then all of them are named at once', () => {
    try {
      loadConfig({ PORT: '-1', SMTP_URL: 'http://mail', SESSION_TTL_HOURS: '0' });
      expect.unreachable('should have thrown');
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/SMTP_URL/);
      expect(problems).toMatch(/SESSION_TTL_HOURS/);
    }
  });

  it('when an empty string is given, then it counts as unset', () => {
    expect(loadConfig({ MONGODB_URI: '', PORT: '' }).PORT).toBe(3000);
  });

  it('when .env.example is read, then it documents every variable and nothing else', () => {
    const documented = readFileSync('.env.example', 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.split('=')[0]);
    expect(new Set(documented)).toEqual(new Set(Object.keys(configSchema.shape)));
  });
});
