#!/bin/sh
# Module-dependency listing of src/, read from the `crate::` paths each file names.
# Prints one line per module: `module -> the modules it uses`, then any circle among modules
# and any arrow that runs back up the pipeline. Exit status 1 if there is either.
# Usage: sh docs/deps.sh   (from the repository root)
set -eu
cd "$(dirname "$0")/.."
exec perl -e '
use strict; use warnings;
# The pipeline, bottom first: a module may use those at its own level or below, never above.
my @layers = qw(messages content derive check render output serve cmd);
my %rank; @rank{@layers} = (0 .. $#layers);
# Folders that are a part of a step without being named after it.
my %step = (prose => "derive", final_accounts => "derive", unit_budget => "derive",
            opendata => "render",
            messages_en => "messages");
sub node_of_file { my $f = shift; $f =~ s{^src/}{}; $f =~ s{(/mod)?\.rs$}{};
  my @p = split m{/}, $f; return join("::", @p[0 .. ($#p < 1 ? $#p : 1)]); }
sub node_of_path { my @p = split /::/, shift; my $a = $p[0];
  return $a unless -d "src/$a" && @p > 1;
  return (-e "src/$a/$p[1].rs" || -d "src/$a/$p[1]") ? "$a\::$p[1]" : $a; }
sub layer { my ($top) = split /::/, shift; return $step{$top} // $top; }
my %deps;
for my $f (sort split /\n/, `find src -name "*.rs"`) {
  next if $f eq "src/main.rs" || $f eq "src/lib.rs";
  my $me = node_of_file($f);
  $deps{$me} //= {};
  open my $fh, "<", $f or die; local $/; my $src = <$fh>;
  $src =~ s{//[^\n]*}{}g;                       # comments name modules too; skip them
  while ($src =~ /crate::\{([^}]*)\}/g) { for (split /,/, $1) { s/\s//g; next unless $_;
      my $n = node_of_path($_); $deps{$me}{$n} = 1 if $n ne $me; } }
  while ($src =~ /crate::([a-z_0-9]+(?:::[a-z_0-9]+)?)(?![\w!])/g) {   # not macros (`crate::say!`)
      my $n = node_of_path($1); $deps{$me}{$n} = 1 if $n ne $me; }
}
my $bad = 0;
for my $m (sort keys %deps) { print "$m -> ", join(", ", sort keys %{$deps{$m}}), "\n"; }
# Circles: Tarjan strongly connected components.
my ($i, @stack, %idx, %low, %on, @sccs) = (0);
my $sc; $sc = sub { my $v = shift; $idx{$v} = $low{$v} = $i++; push @stack, $v; $on{$v} = 1;
  for my $w (sort keys %{$deps{$v} // {}}) {
    if (!exists $idx{$w}) { $sc->($w); $low{$v} = $low{$w} if $low{$w} < $low{$v}; }
    elsif ($on{$w}) { $low{$v} = $idx{$w} if $idx{$w} < $low{$v}; } }
  if ($low{$v} == $idx{$v}) { my @c; my $w; do { $w = pop @stack; $on{$w} = 0; push @c, $w; } while ($w ne $v);
    push @sccs, [sort @c] if @c > 1; } };
for my $v (sort keys %deps) { $sc->($v) unless exists $idx{$v}; }
for (@sccs) { print "CIRCLE: ", join(" <-> ", @$_), "\n"; $bad = 1; }
for my $m (sort keys %deps) { for my $d (sort keys %{$deps{$m}}) {
  if ($rank{layer($d)} > $rank{layer($m)}) { print "UP: $m -> $d\n"; $bad = 1; } } }
print $bad ? "" : "no circle, no arrow back up\n";
exit $bad;
'
