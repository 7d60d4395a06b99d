"""\\boxed{} answer extraction, normalisation and equivalence (math-verify when it is installed)."""

import re
from fractions import Fraction
from typing import Optional

_math_verify = None  # resolved lazily: importing math-verify pulls in sympy (seconds)


def last_boxed(text: str) -> Optional[str]:
    """The content of the last \\boxed{...} (or \\fbox{...}) in text, braces balanced; None when there is none."""
    start = max(text.rfind("\\boxed"), text.rfind("\\fbox"))
    if start < 0:
        return None
    brace = text.find("{", start)
    if brace < 0:
        # "\boxed 5" form: the answer runs to the next whitespace or "$"
        rest = text[start + len("\\boxed"):]
        if rest.startswith(" "):
            return rest.strip().split("$")[0].split()[0] if rest.strip() else None
        return None
    depth = 0
    for i in range(brace, len(text)):
        ch = text[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return text[brace + 1 : i]
    return None


_TEXT_WRAPPERS = re.compile(r"\\(?:text|textbf|mathrm|mbox)\{([^{}]*)\}")


def normalize_answer(answer: str) -> str:
    """A canonical string for comparing answers that are written differently but mean the same."""
    s = answer.strip()
    s = _TEXT_WRAPPERS.sub(r"\1", s)
    for token in ("\\left", "\\right", "\\!", "\\,", "\\;", "\\:", "$", "\\displaystyle"):
        s = s.replace(token, "")
    s = s.replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac")
    s = s.replace("^\\circ", "").replace("^{\\circ}", "").replace("\\%", "").replace("%", "")
    s = re.sub(r"\s+", "", s)
    s = s.rstrip(".")
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", s):
        s = s.replace(",", "")
    return s


def _as_number(s: str) -> Optional[Fraction]:
    m = re.fullmatch(r"\\frac\{([+-]?\d+)\}\{([+-]?\d+)\}", s) or re.fullmatch(r"([+-]?\d+)/([+-]?\d+)", s)
    try:
        if m:
            return Fraction(int(m.group(1)), int(m.group(2)))
        if re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", s):
            return Fraction(s)
    except (ValueError, ZeroDivisionError):
        return None
    return None


def math_verify_available() -> bool:
    global _math_verify
    if _math_verify is None:
        try:
            import math_verify  # type: ignore

            _math_verify = math_verify
        except Exception:  # absent or broken: fall back to string/number comparison
            _math_verify = False
    return bool(_math_verify)


def answers_match(pred: Optional[str], gold: str, use_math_verify: bool = True) -> bool:
    if pred is None:
        return False
    p, g = normalize_answer(pred), normalize_answer(gold)
    if p == g:
        return True
    pn, gn = _as_number(p), _as_number(g)
    if pn is not None and gn is not None:
        return pn == gn
    if use_math_verify and math_verify_available():
        try:
            return bool(_math_verify.verify(_math_verify.parse("\\boxed{" + gold + "}"), _math_verify.parse("\\boxed{" + pred + "}")))
        except Exception:  # math-verify raises on some inputs (and times out via signals off the main thread)
            return False
    return False
