import Runtime
import Viz
