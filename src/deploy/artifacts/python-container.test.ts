import { describe, expect, it } from 'vitest';
import { containerCommand } from './python-container.ts';

describe('containerCommand', () => {
  it("runs every command of the line on the image's python, listening on all interfaces", () => {
    expect(
      containerCommand(
        '.venv/bin/python manage.py migrate --noinput && .venv/bin/python manage.py runserver 127.0.0.1:$PORT --noreload',
      ),
    ).toBe(
      'python manage.py migrate --noinput && python manage.py runserver 0.0.0.0:$PORT --noreload',
    );
    expect(
      containerCommand('/usr/bin/python3 -m uvicorn main:app --host 127.0.0.1 --port $PORT'),
    ).toBe('python -m uvicorn main:app --host 0.0.0.0 --port $PORT');
  });
});
