import { describe, expect, it } from 'vitest';
import { pythonTestFacts } from './python-test-facts.ts';

describe('pythonTestFacts', () => {
  it('finds pytest functions and unittest methods with their assertions', () => {
    const facts = pythonTestFacts(`import pytest
from app.cart import add


def check_total(cart, expected):
    assert cart.total() == expected


def test_adds():
    """Adds two numbers.

    assert nothing here, this is a docstring
    """
    assert add(1, 2) == 3  # the sum
    assert add(
        2, 2,
    ) == 4


def test_nothing():
    cart = Cart()


def test_helper():
    check_total(Cart(), 0)


def test_raises():
    with pytest.raises(ValueError):
        add(None, 1)


class TestCart(unittest.TestCase):
    def test_empty(self):
        self.assertEqual(Cart().total(), 0)

    def helper(self):
        pass
`);
    expect(facts.cases).toEqual([
      { name: 'test_adds', line: 9, assertions: 2 },
      { name: 'test_nothing', line: 20, assertions: 0 },
      { name: 'test_helper', line: 24, assertions: 1 },
      { name: 'test_raises', line: 28, assertions: 1 },
      { name: 'TestCart > test_empty', line: 34, assertions: 1 },
    ]);
    expect(facts.assertions[1]).toMatchObject({
      line: 15,
      actual: 'add( 2, 2, )',
      expected: '4',
      constant: false,
    });
  });

  it('marks assertions that cannot fail', () => {
    const facts = pythonTestFacts(`
def test_a():
    assert True

def test_b():
    assert result == result

def test_c(self):
    self.assertTrue(True)
    self.assertEqual(1, 1)
    self.assertEqual(total(), 3)
    assert 3 == total()
`);
    expect(facts.assertions.map((assertion) => assertion.constant)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('finds skips that always apply, and leaves conditional ones alone', () => {
    const facts = pythonTestFacts(`
@pytest.mark.skip(reason="flaky")
def test_a():
    assert f() == 1

@pytest.mark.skipif(True, reason="later")
def test_b():
    assert f() == 1

@pytest.mark.skipif(sys.platform == "win32", reason="posix only")
def test_c():
    assert f() == 1

def test_d():
    pytest.skip("not now")
    assert f() == 1

@unittest.skip("broken")
class TestE(unittest.TestCase):
    def test_f(self):
        self.assertEqual(f(), 1)
`);
    expect(facts.skips.map((skip) => [skip.construct, skip.target, skip.line])).toEqual([
      ['@pytest.mark.skip', 'test_a', 2],
      ['@pytest.mark.skipif', 'test_b', 6],
      ['pytest.skip', 'test_d', 15],
      ['@unittest.skip', 'TestE', 18],
    ]);
  });

  it('finds patches of modules', () => {
    const facts = pythonTestFacts(`
@patch("app.cart.add")
def test_a(mock_add):
    with mock.patch('app.db.query') as query:
        assert f() == 1
`);
    expect(facts.mocks).toEqual([
      { line: 2, target: 'app.cart.add' },
      { line: 4, target: 'app.db.query' },
    ]);
  });
});
