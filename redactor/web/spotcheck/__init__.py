"""抽检: draw a stratified sample from a `redactor batch` output folder, record verdicts, estimate the leak rate."""
