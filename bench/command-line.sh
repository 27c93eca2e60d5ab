# Sourced by the bench commands before they move to the repository root (so --input paths are taken relative to
# where the command was started). Gives say, die and usage (the sourcing script's header is its manual, printed
# for any argument it does not know), and GIVEN, the files named by --input.
say() { echo "$*" >&2; }
die() { say "error: $*"; exit 2; }
usage() { sed -n '2,/^set /{s/^# \{0,1\}//p}' "$SCRIPT" >&2; exit 2; }

GIVEN=()
while [ $# -gt 0 ]; do
  case $1 in
    --input)
      [ $# -ge 2 ] || usage
      [ -f "$2" ] || die "no such file: $2"
      GIVEN+=("$(realpath "$2")")
      shift 2
      ;;
    *) usage ;;
  esac
done
