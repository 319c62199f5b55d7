"""What a Python project needs and what this interpreter already has.

Loki runs this with the project's interpreter (`python - ROOT`, the script on stdin) and reads
one line of JSON behind the marker `LOKI-PROBE:`: the project's declared requirements, whether
each is installed in a satisfying version, and which test and lint tools are importable.
Standard library only, so it works in a fresh venv; `packaging` is used when it (or pip's
vendored copy) is importable.
"""

import ast
import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import sys

try:
    from packaging.requirements import Requirement
except ImportError:
    try:
        from pip._vendor.packaging.requirements import Requirement
    except ImportError:
        Requirement = None

try:
    import tomllib
except ImportError:
    tomllib = None

REQUIREMENT_FILES = [
    "requirements.txt",
    "requirements-dev.txt",
    "requirements-test.txt",
    "dev-requirements.txt",
    "test-requirements.txt",
]
EXTRA_GROUPS = ["test", "tests", "testing", "dev"]
TOOLS = ["pytest", "coverage", "flake8", "ruff", "gunicorn", "pytest_django", "pip"]


def requirement_file_lines(root, path, seen):
    """Requirement lines of a pip requirements file, following `-r other.txt`."""
    real = os.path.realpath(path)
    if real in seen or not os.path.isfile(path):
        return []
    seen.add(real)
    lines = []
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.split(" #", 1)[0].strip()
            if not line or line.startswith("#"):
                continue
            included = re.match(r"^(?:-r|--requirement)\s*=?\s*(\S+)", line)
            if included:
                nested = os.path.join(os.path.dirname(path), included.group(1))
                lines.extend(requirement_file_lines(root, nested, seen))
            elif not line.startswith("-"):
                lines.append((line, os.path.relpath(path, root)))
    return lines


def pyproject_lines(root):
    """Dependencies of pyproject.toml: [project], its test extras, and dependency groups."""
    path = os.path.join(root, "pyproject.toml")
    if tomllib is None or not os.path.isfile(path):
        return []
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    project = data.get("project", {})
    lines = [(spec, "pyproject.toml") for spec in project.get("dependencies", [])]
    extras = project.get("optional-dependencies", {})
    groups = data.get("dependency-groups", {})
    for group in EXTRA_GROUPS:
        for spec in extras.get(group, []) + groups.get(group, []):
            if isinstance(spec, str):
                lines.append((spec, "pyproject.toml"))
    return lines


def setup_py_lines(root):
    """`install_requires` of setup.py when it is a literal list (read, never executed)."""
    path = os.path.join(root, "setup.py")
    if not os.path.isfile(path) or os.path.isfile(os.path.join(root, "pyproject.toml")):
        return []
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "install_requires":
            try:
                return [(spec, "setup.py") for spec in ast.literal_eval(node.value)]
            except ValueError:
                return []
    return []


def check(line, source):
    """Whether one requirement is installed in a version it accepts."""
    if Requirement is not None:
        try:
            requirement = Requirement(line)
        except Exception:
            return {"requirement": line, "source": source, "name": line, "installed": None,
                    "satisfied": False}
        if requirement.url:
            return {"requirement": line, "source": source, "name": requirement.name,
                    "installed": None, "satisfied": False}
        if requirement.marker is not None and not requirement.marker.evaluate():
            return {"requirement": line, "source": source, "name": requirement.name,
                    "installed": None, "satisfied": True}
        name, specifier = requirement.name, requirement.specifier
    else:
        name, specifier = re.split(r"[\s\[<>=!~;@]", line, maxsplit=1)[0], None
    try:
        installed = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        installed = None
    satisfied = installed is not None and (
        specifier is None or specifier.contains(installed, prereleases=True)
    )
    return {"requirement": line, "source": source, "name": name, "installed": installed,
            "satisfied": satisfied}


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    lines = []
    seen = set()
    for name in REQUIREMENT_FILES:
        lines.extend(requirement_file_lines(root, os.path.join(root, name), seen))
    errors = []
    for reader in (pyproject_lines, setup_py_lines):
        try:
            lines.extend(reader(root))
        except Exception as error:  # a broken file is reported, not fatal
            errors.append(f"{reader.__name__}: {error}")
    # The venv's own scripts first: running .venv/bin/python does not put .venv/bin on PATH.
    search_path = [os.path.dirname(sys.executable), os.environ.get("PATH", "")]
    modules = {tool: importlib.util.find_spec(tool) is not None for tool in TOOLS}
    # One line behind a marker: the runner mixes stderr (warnings) into the same output.
    print("LOKI-PROBE:" + json.dumps({
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "requirements": [check(line, source) for line, source in lines],
        "modules": modules,
        "ruffExecutable": shutil.which("ruff", path=os.pathsep.join(search_path)),
        "errors": errors,
    }))


main()
