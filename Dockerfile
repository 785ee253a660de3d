# A single-user image for JupyterHub: the Jupyter project's base notebook image (JupyterLab,
# Python, conda, user jovyan) with Node.js and this course set up by tools/setup.sh.
#   docker build -t skip-and-drop .
#   docker run --rm -p 8888:8888 skip-and-drop      # try it alone, then name the image in the hub's config
# On a hub with persistent home folders, mount them at /home/jovyan/work (the folder the base
# image keeps for that), or the volume hides the course copied into /home/jovyan below.
FROM quay.io/jupyter/base-notebook:latest

# Node.js 24 (the current LTS) from conda-forge, into the conda environment that runs Jupyter.
RUN mamba install --yes --quiet -c conda-forge nodejs=24 && mamba clean --all --force-pkgs-dirs --yes

# The course, owned by the notebook user.
COPY --chown=${NB_UID}:${NB_GID} . /home/${NB_USER}/skip-and-drop
WORKDIR /home/${NB_USER}/skip-and-drop

# The one project step, the same script CI runs: packages, library, kernel, a notebook executed.
RUN tools/setup.sh --sys-prefix

WORKDIR /home/${NB_USER}
