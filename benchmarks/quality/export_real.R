# Writes the public R data sets the quality benchmark's "real" tasks are made from (benchmarks/shapes/make_tasks.py
# --group real and --group real2) as plain CSV files, no row names. Debian ships them: r-cran-cardata, r-cran-mlmrev,
# r-cran-lme4, r-cran-mass (real); r-cran-modeldata, r-cran-mlbench, r-cran-aer, r-cran-kernlab, r-cran-dslabs (real2).
# Usage: Rscript export_real.R OUT_DIR
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
dir.create(out, showWarnings = FALSE, recursive = TRUE)
for (d in list(c("SLID", "carData"), c("Arrests", "carData"), c("WVS", "carData"), c("BEPS", "carData"),
               c("Chem97", "mlmRev"), c("InstEval", "lme4"), c("fgl", "MASS"),
               c("mlc_churn", "modeldata"), c("lending_club", "modeldata"), c("concrete", "modeldata"),
               c("Sacramento", "modeldata"), c("attrition", "modeldata"), c("Satellite", "mlbench"),
               c("CPS1988", "AER"), c("ticdata", "kernlab"), c("income", "kernlab"), c("movielens", "dslabs"))) {
  e <- new.env()
  data(list = d[1], package = d[2], envir = e)
  df <- as.data.frame(get(d[1], envir = e))
  for (col in names(df)) if (is.factor(df[[col]])) df[[col]] <- as.character(df[[col]])
  write.csv(df, file.path(out, paste0(d[2], "__", d[1], ".csv")), row.names = FALSE, na = "")
}
