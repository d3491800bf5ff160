# Assertions for the tests in tests/contrib: source it, call check for each
# case and end with checks_done.
# shellcheck shell=bash
fails=0
# check WHAT EXPECTED ACTUAL
check() {
    if [ "$2" = "$3" ]; then echo "ok - $1"; else
        echo "FAIL - $1"; echo "  expected: $(printf %q "$2")"; echo "  actual:   $(printf %q "$3")"
        fails=$((fails + 1))
    fi
}
checks_done() {
    [ $fails -eq 0 ] || { echo "# $fails failed"; exit 1; }
    echo "# all passed"
    exit 0
}
