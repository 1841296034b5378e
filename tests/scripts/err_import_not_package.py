# Importing a submodule of a plain module.
import pkgdemo.base.inner
